"""What guide-tui asks of the system around it: the clipboard, and where a file
for the person is saved."""
