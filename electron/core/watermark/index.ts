// Forensic watermark: an inaudible, blind-detected export id that survives telephone-band
// processing, lossy codecs, resampling, gain, downmix and cutting. See layout.ts for the design.
export { embedWatermark } from './embed';
export { WatermarkEmbedder } from './embed-stream';
export { detectWatermark, type WatermarkDetection } from './detect';
export { MAX_PAYLOAD_BYTES } from './payload-code';
