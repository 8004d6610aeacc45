// The one place that talks HTTP to the server. It tells a network failure (server unreachable: worth retrying)
// apart from an answer the server gave (an HttpError with its status and problem+json body).

let csrfToken = null;

export class NetworkError extends Error {}

export class HttpError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** A status that says "try the same request again later": the server or a proxy in front of it is in trouble. */
  get retryable() {
    return this.status >= 500 || this.status === 429;
  }
}

export function setCsrfToken(token) {
  csrfToken = token || null;
}

const TIMEOUT_MS = 15000;

export async function request(method, path, body, { keepalive = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      keepalive,
      signal: abort.signal,
    });
  } catch (e) {
    throw new NetworkError(e && e.name === 'AbortError' ? 'The server did not answer in time' : 'The server cannot be reached');
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text().catch(() => '');
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!response.ok) {
    throw new HttpError(response.status, json);
  }
  return { status: response.status, headers: response.headers, body: json };
}

export const api = {
  me: () => request('GET', '/api/me'),
  login: (email, password) => request('POST', '/api/auth/login', { email, password }),
  logout: () => request('POST', '/api/auth/logout'),
  projects: () => request('GET', '/api/projects?limit=200'),
  project: (id) => request('GET', `/api/projects/${encodeURIComponent(id)}`),
  myProgress: (id) => request('GET', `/api/projects/${encodeURIComponent(id)}/my-progress`),
  next: (id) => request('POST', `/api/projects/${encodeURIComponent(id)}/tasks/next`),
  answer: (lease, label, durationMs) => request('POST', `/api/leases/${encodeURIComponent(lease)}/answer`, { label, duration_ms: durationMs }),
  undo: (lease) => request('DELETE', `/api/leases/${encodeURIComponent(lease)}/answer`),
  skip: (lease, reason) => request('POST', `/api/leases/${encodeURIComponent(lease)}/skip`, { reason }),
  feedback: (lease) => request('GET', `/api/leases/${encodeURIComponent(lease)}/feedback`),
  release: (lease, keepalive = false) => request('POST', `/api/leases/${encodeURIComponent(lease)}/release`, undefined, { keepalive }),
};
