"""``python -m harmledger …`` runs the same command line as the ``harmledger`` script."""

from harmledger.cli import run

if __name__ == "__main__":
    run()
