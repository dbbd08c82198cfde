def version_to_install(repository):
    if repository.data.selected_tag is not None:
        return repository.data.selected_tag
    return repository.data.last_version or repository.data.default_branch
