/** A watermark id grouped for reading aloud over the phone: 0123 4567 89ab cdef. */
export const formatWatermarkId = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex;
