/** session_id: a counter per process, as FreeSWITCH numbers sessions since start-up. */
let next = 1;

export function nextSessionId(): number {
  return next++;
}

export function resetSessionIds(): void {
  next = 1;
}
