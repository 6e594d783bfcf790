"""``python -m treatydraft`` runs the command line."""
from .cli import main

main(prog_name="treatydraft")
