"""Text for a terminal (the CLI's output): the report as rich tables, untrusted text made
printable, a progress spinner. No business logic."""
