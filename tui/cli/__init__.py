"""The command line: arguments, output on stdout and stderr, exit codes."""
