from .cli import main
from .project.processes import exit_process

exit_process(main())  # sys.exit, or at once after an interrupt (see exit_process)
