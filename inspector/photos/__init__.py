"""Photo evidence: probing and EXIF, thumbnails, orientation, annotation rendering. Paths and bytes in and out."""
