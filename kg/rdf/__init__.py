"""The RDF stage: records -> triples per docs/data-model.md, graph files in and out.

rdflib objects stay inside rdf/, validate and export code.
"""
