"""The reader's state without a screen: jumps, pane widths, row texts."""
