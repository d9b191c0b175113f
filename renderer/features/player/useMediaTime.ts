// The playhead as React state, for the few components that show it (clock, transcript). Smooth while
// playing (one update per animation frame, or only when `select` changes its answer), exact after
// seeks; the rest of the player never re-renders with the clock.
import { useEffect, useRef, useState } from 'react';

export function useMediaTime<T = number>(media: HTMLMediaElement | null, select?: (t: number) => T): T {
  const selectRef = useRef(select);
  selectRef.current = select;
  const pick = (t: number): T => (selectRef.current ? selectRef.current(t) : (t as unknown as T));
  const [value, setValue] = useState<T>(() => pick(media?.currentTime ?? 0));

  useEffect(() => {
    if (!media) return;
    let raf = 0;
    const update = () => setValue(() => pick(media.currentTime));
    const tick = () => {
      update();
      raf = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(tick);
    };
    const onPause = () => {
      cancelAnimationFrame(raf);
      update();
    };
    media.addEventListener('play', onPlay);
    media.addEventListener('pause', onPause);
    media.addEventListener('ended', onPause);
    media.addEventListener('seeking', update);
    media.addEventListener('seeked', update);
    media.addEventListener('timeupdate', update);
    if (!media.paused) onPlay();
    else update();
    return () => {
      cancelAnimationFrame(raf);
      media.removeEventListener('play', onPlay);
      media.removeEventListener('pause', onPause);
      media.removeEventListener('ended', onPause);
      media.removeEventListener('seeking', update);
      media.removeEventListener('seeked', update);
      media.removeEventListener('timeupdate', update);
    };
    // pick reads the latest selector through a ref
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [media]);

  return value;
}
