"""The content layer: reading YAML with lines, the typed model, and the reader that loads a pack."""
