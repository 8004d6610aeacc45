// The set-up pages' calls. They go through the shared request() (session cookie, X-CSRF-Token on writes,
// problem+json errors as HttpError), except uploads, which stream a File with XMLHttpRequest (see upload()).
import { request, HttpError, NetworkError } from '../../api.js';

const id = (v) => encodeURIComponent(v);

export const manage = {
  projects: (archived) => request('GET', `/api/projects?limit=200${archived ? '&archived=only' : ''}`),
  project: (p) => request('GET', `/api/projects/${id(p)}`),
  progress: (p) => request('GET', `/api/projects/${id(p)}/progress`),
  createProject: (body) => request('POST', '/api/projects', body),
  updateProject: (p, body) => request('PATCH', `/api/projects/${id(p)}`, body),
  archive: (p) => request('POST', `/api/projects/${id(p)}/archive`),
  restore: (p) => request('POST', `/api/projects/${id(p)}/restore`),
  deleteProject: (p, confirm) => request('DELETE', `/api/projects/${id(p)}?confirm=${encodeURIComponent(confirm)}`),
  preview: (markdown) => request('POST', '/api/markdown/preview', { markdown }),
  members: (p) => request('GET', `/api/projects/${id(p)}/members?limit=1000`),
  addMember: (p, body) => request('POST', `/api/projects/${id(p)}/members`, body),
  removeMember: (p, user) => request('DELETE', `/api/projects/${id(p)}/members/${id(user)}`),
  users: (after) => request('GET', `/api/users?limit=1000${after ? `&after=${id(after)}` : ''}`),
  createUser: (body) => request('POST', '/api/users', body),
  changeUser: (u, body) => request('PATCH', `/api/users/${id(u)}`, body),
  issueToken: (u, name) => request('POST', `/api/users/${id(u)}/tokens`, { name }),
};

/**
 * Streams a File (or Blob) to the server. XMLHttpRequest sends the Blob straight from disk, so a 1 GB file is never
 * read into the page's memory, and its upload.onprogress reports the bytes sent. Resolves with the parsed JSON,
 * rejects with HttpError (problem+json body) or NetworkError. Returns { promise, abort }.
 */
export function upload(path, file, contentType, csrfToken, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) {
      xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    }
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
      } else {
        reject(new HttpError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new NetworkError('The server cannot be reached'));
    xhr.onabort = () => reject(new NetworkError('The upload was cancelled'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
