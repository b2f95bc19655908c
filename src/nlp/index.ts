// The NLP layer's public surface.
export { createNlp, loadNlp, type Nlp, type NlpOptions } from './parser.js';
export { loadOrTrain, trainModel, modelCandidates, MODEL_SALT } from './model.js';
export { evaluate, formatReport, type EvalReport } from './eval.js';
export { loadGazetteer, type Gazetteer } from './gazetteer.js';
export { guessLanguage } from './language.js';
export { DEFAULT_CORPUS_DIR, readCorpus, corpusHash } from './corpus.js';
