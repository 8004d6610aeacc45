// Entry point: who is logged in, the hash routes (#/login, #/projects, #/label/{id}, and the console's
// #/manage/{id}/{tab} and #/{page}), the connection banner and the outbox of answers, which outlives any one screen.
// #/projects is each role's home: annotators get "My projects" (the labeling entry), engineers and admins the console.
import { api, HttpError, NetworkError, setCsrfToken } from './api.js';
import { openLabeling } from './labeling.js';
import { Outbox } from './outbox.js';
import { renderProjects } from './projects.js';
import { allowed, findRoute, visibleEntries } from './console/registry.js';
import { manages, renderNotAllowed, renderProjectFrame, renderTopNav } from './console/shell.js';
import { renderConsoleHome } from './console/admin/home.js';
import { banner, el, fromTemplate, notice } from './ui.js';

const main = document.getElementById('main');
const app = {
  me: null,
  outbox: null,
  screen: null,
  screenBanner: null,

  refreshBanner(screenMessage) {
    if (screenMessage !== undefined) {
      this.screenBanner = screenMessage;
    }
    const box = this.outbox;
    if (box && box.paused && box.size) {
      banner(`Your session has ended. ${countAnswers(box.size)} kept in this browser; log in again and they will be sent.`);
    } else if (box && box.offline && box.size) {
      banner(`Connection lost. ${countAnswers(box.size)} kept in this browser and will be sent as soon as the server is back. Nothing is lost.`);
    } else {
      banner(this.screenBanner);
    }
  },

  failed(e, what) {
    if (e instanceof HttpError && e.status === 401) {
      this.loggedOut('Your session has ended; please log in again.');
      return;
    }
    if (this.screen) {
      this.screen.close();
      this.screen = null;
    }
    const message = e instanceof NetworkError ? 'the server cannot be reached' : e.message;
    main.replaceChildren(el('p', 'error', `${what}: ${message}.`));
  },

  loggedOut(message) {
    this.me = null;
    setCsrfToken(null);
    if (message) {
      notice(message);
    }
    if (location.hash === '#/login') {
      route();
    } else {
      location.hash = '#/login';
    }
  },
};

function countAnswers(n) {
  return n === 1 ? '1 answer is' : `${n} answers are`;
}

function signedIn(me) {
  app.me = me;
  setCsrfToken(me.csrf_token);
  document.getElementById('who').textContent = `${me.display_name || me.email} (${me.role}${me.tier ? `, ${me.tier}` : ''})`;
  document.getElementById('logout').hidden = false;
  if (!app.outbox || app.outbox.userId !== me.id) {
    if (app.outbox) {
      app.outbox.stop();
    }
    app.outbox = new Outbox(me.id);
    app.outbox.subscribe(outboxEvent);
  }
  app.outbox.resume();
}

function outboxEvent(type, detail) {
  if (type === 'online') {
    notice('The connection is back; your answers have been saved.');
  } else if (type === 'conflict') {
    notice(`Your answer on item ${detail.entry.external_id} was not needed: its hold had ended and someone else answered it. Carry on.`);
  } else if (type === 'rejected') {
    notice(`Your answer on item ${detail.entry.external_id} was refused: ${detail.error.message}`, 15000);
  } else if (type === 'unauthorized') {
    app.loggedOut(null);
  }
  app.refreshBanner();
}

function showLogin() {
  const view = fromTemplate('tpl-login');
  main.replaceChildren(view);
  document.getElementById('who').textContent = '';
  document.getElementById('logout').hidden = true;
  renderTopNav(null, '');
  const form = view.querySelector('#login-form');
  const error = view.querySelector('#login-error');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const submit = view.querySelector('#login-submit');
    submit.disabled = true;
    try {
      const r = await api.login(form.email.value.trim(), form.password.value);
      signedIn(r.body);
      location.hash = app.afterLogin || '#/projects';
      app.afterLogin = null;
    } catch (err) {
      error.textContent = err instanceof HttpError && err.status === 401 ? 'Wrong email or password.'
        : err instanceof HttpError && err.status === 429 ? 'Too many attempts. Wait a few minutes, then try again.'
          : `Could not log in: ${err.message}`;
      submit.disabled = false;
      form.password.select();
      form.password.focus();
    }
  });
  view.querySelector('#email').focus();
}

async function route() {
  if (app.screen) {
    app.screen.close();
    app.screen = null;
  }
  app.screenBanner = null;
  app.refreshBanner();
  document.title = 'Kappa';
  const hash = location.hash || '#/projects';
  renderTopNav(app.me, hash);
  if (!app.me) {
    if (hash !== '#/login') {
      app.afterLogin = hash;
      location.hash = '#/login';
      return;
    }
    showLogin();
    return;
  }
  const label = /^#\/label\/(\d+)$/.exec(hash);
  if (label) {
    app.screen = openLabeling(main, Number(label[1]), app);
  } else if (await routeConsole(hash)) {
    // a console page took it
  } else if (hash === '#/login') {
    location.hash = '#/projects';
    return;
  } else if (manages(app.me)) {
    try {
      await renderConsoleHome(main, app);
    } catch (e) {
      app.failed(e, 'Projects could not be loaded');
    }
  } else {
    renderProjects(main, app);
  }
  main.focus({ preventScroll: true });
}

/**
 * Console pages: #/manage/{id}/{tab} for a project's tabs, #/{tab} for global pages (see console/registry.js).
 * The role check comes before anything is fetched: an annotator gets the "not allowed" page and no request is made.
 */
async function routeConsole(hash) {
  const project = /^#\/manage\/(\d+)(?:\/([a-z-]+))?$/.exec(hash);
  const global = project ? null : /^#\/([a-z-]+)$/.exec(hash);
  if (!project && !global) {
    return /^#\/manage\//.test(hash) ? notAllowedOr(() => main.replaceChildren(el('p', 'error', 'There is no such page.'))) : false;
  }
  if (global) {
    const entry = findRoute('global', global[1]);
    if (!entry) {
      return false;
    }
    if (!allowed(entry, app.me.role)) {
      renderNotAllowed(main, app.me);
      return true;
    }
    document.title = `${entry.title} · Kappa`;
    return openEntry(entry, main, { projectId: null, app, project: null });
  }
  if (!manages(app.me)) {
    renderNotAllowed(main, app.me);
    return true;
  }
  const projectId = Number(project[1]);
  const tab = project[2] || (visibleEntries('project', app.me.role)[0] || {}).tab;
  const entry = tab ? findRoute('project', tab) : null;
  if (!entry || !allowed(entry, app.me.role)) {
    return notAllowedOr(() => main.replaceChildren(el('p', 'error', 'There is no such page.')));
  }
  let body;
  try {
    body = (await api.project(projectId)).body;
  } catch (e) {
    app.failed(e, 'Could not open the project');
    return true;
  }
  if (location.hash !== hash) {
    return true; // the user moved on while the project loaded
  }
  const panel = renderProjectFrame(main, body, app.me.role, tab);
  return openEntry(entry, panel, { projectId, app, project: body });
}

function notAllowedOr(render) {
  if (!manages(app.me)) {
    renderNotAllowed(main, app.me);
  } else {
    render();
  }
  return true;
}

async function openEntry(entry, container, ctx) {
  try {
    const screen = await entry.render(container, ctx);
    if (screen && typeof screen.close === 'function') {
      app.screen = screen;
    }
  } catch (e) {
    app.failed(e, `Could not open ${entry.title}`);
  }
  return true;
}

document.getElementById('logout').addEventListener('click', async () => {
  if (app.outbox && app.outbox.size
    && !window.confirm(`${countAnswers(app.outbox.size)} still waiting to be sent. They stay in this browser. Log out anyway?`)) {
    return;
  }
  if (app.screen) {
    app.screen.close();
    app.screen = null;
  }
  try {
    await api.logout();
  } catch (e) {
    // Logged out locally either way; the session expires on its own.
  }
  app.loggedOut(null);
});

window.addEventListener('hashchange', route);
window.addEventListener('beforeunload', (e) => {
  if (app.outbox && app.outbox.size) {
    e.preventDefault();
    e.returnValue = '';
  }
});

async function boot() {
  try {
    signedIn((await api.me()).body);
  } catch (e) {
    if (!(e instanceof HttpError && e.status === 401)) {
      main.replaceChildren(el('p', 'error', `Kappa cannot be reached: ${e.message}. Reload the page to try again.`));
      return;
    }
  }
  route();
}

boot();
