from patientgen.cli import app

app()
