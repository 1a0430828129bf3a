"""The named limits of a build, in one place: how long things may take and how much they may write.

Lowest layer (no imports from the package), so that the build and the site read the same values.
"""

# How long a build waits for another one (same build/ folder) to finish before giving up (--wait).
LOCK_WAIT = 900.0
# Bounded work: a chapter runs at most this long (a template that loops for ever fails the build, naming
# the chapter, instead of holding the lock) and writes at most this much output (text, images, HTML)
# (--chapter-timeout, --max-output).
CHAPTER_TIMEOUT = 600.0
CHAPTER_MAX_OUTPUT_MB = 20.0
# A warm kernel: seconds to start and answer, seconds for its set-up and for the reset between chapters.
KERNEL_READY_TIMEOUT = 120
KERNEL_RESET_TIMEOUT = 60
# After a stop: seconds the chapters' event loop waits for its cancelled tasks, and the calling thread
# for the loop's thread.
CANCELLED_TASKS_WAIT = 2
CHAPTER_THREAD_JOIN = 10
# Poll interval of the calling thread while chapters run (Ctrl-C is seen within it).
CHAPTER_THREAD_POLL = 0.2
# A failing chapter's one line: at most this many characters of the error, of the cell's first line.
ERROR_TEXT_CHARS = 300
ERROR_CELL_CHARS = 80
# Seconds Chromium may take to print one chapter of the site to PDF.
PDF_TIMEOUT = 180
# How often a waiting build tries the lock again (seconds).
LOCK_POLL = 0.2
# A failed jupyter-book run: at most this many of its problem lines, each cut at ERROR_TEXT_CHARS.
BOOK_ERROR_LINES = 40
# Seconds git may take to give the date of the last commit (the build stamp).
GIT_DATE_TIMEOUT = 10
