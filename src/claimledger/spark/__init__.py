"""Spark face: corpus-scale extraction (``python -m claimledger.spark.job``). Needs pyspark."""
