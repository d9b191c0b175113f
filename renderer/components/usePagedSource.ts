import { useEffect, useMemo, useRef } from 'react';
import { PagedSource, type PageFetcher } from '../lib/paged-source';

/**
 * One PagedSource per query key. `fetchPage` is read when the key changes, so it should close over
 * the query the key was derived from.
 */
export function usePagedSource<T>(key: string, fetchPage: PageFetcher<T>, onError: (e: unknown) => void, pageSize = 200): PagedSource<T> {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const errorRef = useRef(onError);
  errorRef.current = onError;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const source = useMemo(() => {
    const fetcher = fetchRef.current;
    return new PagedSource<T>(fetcher, (e) => errorRef.current(e), pageSize);
  }, [key, pageSize]);
  useEffect(() => {
    source.activate();
    return () => source.dispose();
  }, [source]);
  return source;
}
