"""Peak resident memory of this process, as the probes report it.

``getrusage(RUSAGE_SELF).ru_maxrss`` is not enough on Linux: the high-water mark
survives ``execve``, so a probe started by a large benchmark process would report the
parent's size. ``VmHWM`` in ``/proc/self/status`` belongs to the process's own memory
map, which ``execve`` replaces; it is used where it exists.
"""

from __future__ import annotations

import resource


def peak_rss_kb() -> int:
    """Peak resident set size of this process, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
