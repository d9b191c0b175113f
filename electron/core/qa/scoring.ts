// Scoring is one pure function shared with the renderer (the evaluation panel shows the live score
// it computes); the main process uses it through this module. Rules: docs/scoring.md.
export { answerLabel, answerProblems, bandFor, formStats, questionMax, roundScore, scoreEvaluation } from '../../../shared/qa-scoring';
export { formProblems } from '../../../shared/qa-form-rules';
