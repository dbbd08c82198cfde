def process_neutron(path, output_dir, libver):
    """Convert one ENDF neutron sublibrary file (the real one calls openmc.data)."""
    h5_file = output_dir / f"{path.stem}.h5"
    print(f"Converting: {path} -> {h5_file} ({libver})")
    return h5_file
