"""JupyterLab for this project (``make lab`` starts it with ``--config=jupyter_server_config.py``).

* One path rule: the server's root is the project root and every kernel starts there, whatever the
  folder of its notebook, so a path in a notebook or in the README's examples
  (``Path("seeds/000_3d94fe6dcb412aa7.txt")``) means the same in JupyterLab, in papermill (the build
  executes chapters in the project root) and on the command line (run from the project root).
* A saved template is never dirty: notebooks/*.ipynb are written without outputs, execution counts,
  run metadata, machine-dependent language_info or trailing empty cells
  (``analysis.build.notebooks.pre_save_hook``); other notebooks are saved as they are.
* For everyone: as a normal user and as root (a container, a CI machine), where Jupyter would otherwise
  refuse to start ("Running as root is not recommended"). It serves the project on localhost only.
"""

from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

ROOT = Path(__file__).resolve().parent


class ProjectRootKernelManager(AsyncMappingKernelManager):
    """Kernels start in the project root, not in their notebook's folder."""

    def cwd_for_path(self, path, **kwargs):
        return str(ROOT)


c = get_config()  # noqa: F821 - provided by the Jupyter config loader
c.ServerApp.root_dir = str(ROOT)
c.ServerApp.kernel_manager_class = ProjectRootKernelManager
c.ContentsManager.pre_save_hook = "analysis.build.notebooks.pre_save_hook"
c.ServerApp.allow_root = True  # `make lab` works as root too (no effect for a normal user)
