"""Alembic environment: the connection is handed over by ``Ledger.migrate`` (config attribute)."""

from alembic import context

from claimledger.ledger.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
