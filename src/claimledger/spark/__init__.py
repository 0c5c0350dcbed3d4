"""Spark face: ``claimledger spark extract`` over a corpus, ``claimledger load`` into a ledger.

Needs the ``spark`` extra (pyspark, pyarrow) and Java 17+. The core never imports this package.
"""
