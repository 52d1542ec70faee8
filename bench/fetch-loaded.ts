/**
 * GET a backend route, asking again while the backend answers 503 warming_up (its first load of
 * the tenant runs from start-up; the app does the same). Returns the first other answer.
 */
export async function fetchOnceLoaded(url: string, token: string, pollMs: number): Promise<Response> {
  for (;;) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 503) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
