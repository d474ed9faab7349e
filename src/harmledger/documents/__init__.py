"""Reading documents: formats, article segmentation, metadata, genre, chain of custody."""
