using System.Runtime.CompilerServices;

// Segmentation buffers are fully written before they are read; zeroing them is wasted work on every block.
[module: SkipLocalsInit]
