import os


# Get files in directory as a list
async def get_files(path):
    path_list = []
    for r, d, f in os.walk(path):  # also
        for file in f:
            path_list.append(os.path.join(r, file))
    return path_list
