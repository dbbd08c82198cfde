from flowfile_core.flowfile.handler import FlowfileHandler

flow_file_handler = FlowfileHandler()
