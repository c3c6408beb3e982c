"""The NLP stage: spaCy plus kg's domain components.  spaCy objects stay in here and extract/."""
