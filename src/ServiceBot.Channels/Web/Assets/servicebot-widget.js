/*
 * ServiceBot chat widget: one script a site embeds, no build step.
 *
 *   <script src="https://bot.example.com/widget/servicebot-widget.js" data-bot="shop" data-locale="zh-CN" async></script>
 *
 * Speaks Direct Line 3.0 to the ServiceBot server the script came from: a token from
 * /api/widget/token, the conversation's WebSocket stream, activities posted over HTTPS. The
 * conversation survives page reloads (sessionStorage) and network loss (reconnect from the last
 * watermark, so nothing is missed). Text is rendered by building DOM nodes, never innerHTML.
 *
 * Attributes: data-bot, data-locale (zh-CN, en-US…), data-server (defaults to the script's origin),
 * data-open="true" (open on load), data-title (overrides the bot's title).
 * API: window.ServiceBotWidget.open(), .close(), .send(text).
 */
(function () {
  'use strict';

  if (window.ServiceBotWidget) {
    return;
  }

  var script = document.currentScript || document.querySelector('script[src*="servicebot-widget.js"]');
  var dataset = (script && script.dataset) || {};
  var server = (dataset.server || new URL(script.src, location.href).href.replace(/\/widget\/servicebot-widget\.js.*$/, '')).replace(/\/$/, '');
  var botId = dataset.bot || '';
  var storageKey = 'servicebot:' + server + ':' + (botId || 'default');

  var TEXTS = {
    zh: {
      title: '在线客服',
      open: '打开在线客服',
      close: '关闭',
      placeholder: '请输入您的问题…',
      inputLabel: '消息',
      send: '发送',
      handoffButton: '转人工',
      handoff: '转人工',
      connecting: '正在连接…',
      reconnecting: '连接中断，正在重新连接…',
      offline: '网络已断开，恢复后将自动重连',
      handedOff: '正在为您转接人工客服，请稍候…',
      relayed: '人工客服正在为您服务',
      feedbackQuestion: '这个回答有帮助吗？',
      helpful: '有帮助',
      notHelpful: '没有帮助',
      thanks: '感谢您的反馈',
      sending: '发送中',
      failed: '发送失败',
      retry: '重试',
      suggestions: '您可能想问',
      typing: '正在输入…',
      you: '我',
      bot: '客服',
      log: '对话记录'
    },
    en: {
      title: 'Customer service',
      open: 'Open chat',
      close: 'Close',
      placeholder: 'Type your question…',
      inputLabel: 'Message',
      send: 'Send',
      handoffButton: 'Talk to a human',
      handoff: 'talk to a human',
      connecting: 'Connecting…',
      reconnecting: 'Connection lost, reconnecting…',
      offline: 'You are offline; the chat reconnects when the network is back',
      handedOff: 'Connecting you with a human agent, one moment…',
      relayed: 'A human agent is with you',
      feedbackQuestion: 'Was this answer helpful?',
      helpful: 'Helpful',
      notHelpful: 'Not helpful',
      thanks: 'Thanks for your feedback',
      sending: 'Sending',
      failed: 'Not sent',
      retry: 'Retry',
      suggestions: 'Suggestions',
      typing: 'Typing…',
      you: 'You',
      bot: 'Assistant',
      log: 'Conversation'
    }
  };

  var locale = dataset.locale || (navigator.language || 'zh-CN');
  var language = /^zh/i.test(locale) ? 'zh' : 'en';
  var texts = Object.assign({}, TEXTS[language]);
  if (dataset.title) {
    texts.title = dataset.title;
  }

  // ---- state -----------------------------------------------------------------------------------
  var session = load() || {};
  var socket = null;
  var opened = false;
  var started = false;
  var replayed = false;
  var retryDelay = 1000;
  var retryTimer = null;
  var refreshTimer = null;
  var typingTimer = null;
  var seen = new Set();
  var pending = new Map();
  var streams = new Map();
  var ui = {};

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      return saved && saved.conversationId && saved.token ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function save() {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(session));
    } catch (e) {
      // Storage may be full or disabled; the conversation still works for this page view.
    }
  }

  // ---- DOM helpers -----------------------------------------------------------------------------
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'text') {
        node.textContent = value;
      } else if (name.indexOf('on') === 0) {
        node.addEventListener(name.substring(2), value);
      } else {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function icon(path) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    svg.appendChild(p);
    return svg;
  }

  // ---- Markdown, safely: a small subset rendered as DOM nodes ------------------------------------
  var SAFE_URL = /^(https?:|mailto:|tel:)/i;
  var INLINE = /(\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()，。！？、]+))/;

  function link(label, href) {
    if (!SAFE_URL.test(href)) {
      return document.createTextNode(label);
    }
    return el('a', { href: href, target: '_blank', rel: 'noopener noreferrer', text: label });
  }

  function inline(text, parent, markdown) {
    var rest = text;
    while (rest.length > 0) {
      var match = markdown ? INLINE.exec(rest) : /https?:\/\/[^\s<>()，。！？、]+/.exec(rest);
      if (!match) {
        parent.appendChild(document.createTextNode(rest));
        return;
      }
      if (match.index > 0) {
        parent.appendChild(document.createTextNode(rest.substring(0, match.index)));
      }
      if (!markdown) {
        parent.appendChild(link(match[0], match[0]));
      } else if (match[2] || match[3]) {
        inline(match[2] || match[3], parent.appendChild(el('strong')), true);
      } else if (match[4] || match[5]) {
        inline(match[4] || match[5], parent.appendChild(el('em')), true);
      } else if (match[6]) {
        parent.appendChild(el('code', { text: match[6] }));
      } else if (match[7]) {
        parent.appendChild(link(match[7], match[8]));
      } else {
        parent.appendChild(link(match[9], match[9]));
      }
      rest = rest.substring(match.index + match[0].length);
    }
  }

  function lines(text, parent, markdown) {
    text.split('\n').forEach(function (line, i) {
      if (i > 0) {
        parent.appendChild(el('br'));
      }
      inline(line, parent, markdown);
    });
  }

  function render(text, format) {
    var root = el('div', { class: 'sbw-text' });
    var markdown = format === 'markdown';
    var blocks = (text || '').replace(/\r\n/g, '\n').split(/\n{2,}/);
    blocks.forEach(function (block) {
      if (!markdown) {
        lines(block, root.appendChild(el('p')), false);
        return;
      }
      if (/^```/.test(block)) {
        root.appendChild(el('pre', {}, [el('code', { text: block.replace(/^```[^\n]*\n?/, '').replace(/\n?```\s*$/, '') })]));
        return;
      }
      var items = block.split('\n');
      var bullet = items.every(function (l) { return /^\s*([-*•]|\d+[.)])\s+/.test(l); });
      if (bullet) {
        var ordered = /^\s*\d/.test(items[0]);
        var list = root.appendChild(el(ordered ? 'ol' : 'ul'));
        items.forEach(function (l) {
          inline(l.replace(/^\s*([-*•]|\d+[.)])\s+/, ''), list.appendChild(el('li')), true);
        });
        return;
      }
      var heading = /^#{1,6}\s+(.*)$/.exec(block);
      if (heading && items.length === 1) {
        inline(heading[1], root.appendChild(el('p', { class: 'sbw-heading' })).appendChild(el('strong')), true);
        return;
      }
      if (items.every(function (l) { return /^>\s?/.test(l); })) {
        lines(items.map(function (l) { return l.replace(/^>\s?/, ''); }).join('\n'), root.appendChild(el('blockquote')), true);
        return;
      }
      lines(block, root.appendChild(el('p')), true);
    });
    return root;
  }

  // ---- UI --------------------------------------------------------------------------------------
  function build() {
    var css = el('link', { rel: 'stylesheet', href: server + '/widget/servicebot-widget.css' });
    document.head.appendChild(css);

    ui.launcher = el('button', {
      type: 'button',
      class: 'sbw-launcher',
      'aria-label': texts.open,
      'aria-expanded': 'false',
      'aria-controls': 'sbw-panel',
      onclick: function () { toggle(!opened); }
    }, [icon('M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z')]);

    ui.title = el('h2', { id: 'sbw-title', class: 'sbw-title', text: texts.title });
    ui.status = el('p', { class: 'sbw-status', role: 'status', 'aria-live': 'polite' });
    ui.handoff = el('button', { type: 'button', class: 'sbw-handoff', text: texts.handoffButton, onclick: function () { send(texts.handoff); } });
    ui.close = el('button', { type: 'button', class: 'sbw-close', 'aria-label': texts.close, onclick: function () { toggle(false); } }, [icon('M6 6l12 12M18 6L6 18')]);
    ui.log = el('div', { class: 'sbw-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': texts.log, tabindex: '0' });
    ui.typing = el('div', { class: 'sbw-typing', hidden: true, 'aria-hidden': 'true' }, [el('span'), el('span'), el('span')]);
    ui.suggestions = el('div', { class: 'sbw-suggestions', role: 'group', 'aria-label': texts.suggestions, hidden: true });
    ui.input = el('textarea', { id: 'sbw-input', class: 'sbw-input', rows: '1', maxlength: '2000', placeholder: texts.placeholder, 'aria-label': texts.inputLabel });
    ui.send = el('button', { type: 'submit', class: 'sbw-send', 'aria-label': texts.send }, [icon('M3 20l18-8L3 4v6l12 2-12 2z')]);
    ui.form = el('form', { class: 'sbw-form', onsubmit: function (e) { e.preventDefault(); submit(); } }, [ui.input, ui.send]);
    ui.input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        submit();
      }
    });

    ui.panel = el('section', {
      id: 'sbw-panel',
      class: 'sbw-panel',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'sbw-title',
      hidden: true
    }, [
      el('header', { class: 'sbw-header' }, [el('div', { class: 'sbw-heading-group' }, [ui.title, ui.status]), ui.handoff, ui.close]),
      ui.log,
      ui.typing,
      ui.suggestions,
      ui.form
    ]);
    ui.panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        toggle(false);
      }
    });

    ui.root = el('div', { class: 'sbw-root', lang: language === 'zh' ? 'zh-CN' : 'en', 'data-state': 'closed' }, [ui.panel, ui.launcher]);
    document.body.appendChild(ui.root);
  }

  function applyTexts() {
    ui.launcher.setAttribute('aria-label', texts.open);
    ui.title.textContent = texts.title;
    ui.handoff.textContent = texts.handoffButton;
    ui.close.setAttribute('aria-label', texts.close);
    ui.input.setAttribute('placeholder', texts.placeholder);
    ui.input.setAttribute('aria-label', texts.inputLabel);
    ui.send.setAttribute('aria-label', texts.send);
    ui.log.setAttribute('aria-label', texts.log);
    ui.suggestions.setAttribute('aria-label', texts.suggestions);
  }

  function toggle(open) {
    opened = open;
    ui.panel.hidden = !open;
    ui.root.setAttribute('data-state', open ? 'open' : 'closed');
    ui.launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) {
      ensureStarted();
      ui.input.focus();
      scrollDown();
    } else {
      ui.launcher.focus();
    }
  }

  function status(text, kind) {
    ui.status.textContent = text || '';
    ui.root.setAttribute('data-connection', kind || 'ok');
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function showTyping(show) {
    clearTimeout(typingTimer);
    ui.typing.hidden = !show;
    if (show) {
      typingTimer = setTimeout(function () { ui.typing.hidden = true; }, 5000);
    }
  }

  function buttonsOf(activity) {
    var actions = (activity.suggestedActions && activity.suggestedActions.actions) || [];
    (activity.attachments || []).forEach(function (a) {
      if (a.contentType === 'application/vnd.microsoft.card.hero' && a.content && a.content.buttons) {
        actions = actions.concat(a.content.buttons);
      }
    });
    return actions;
  }

  function actionButton(action) {
    var title = action.title || action.text || String(action.value || '');
    if (action.type === 'openUrl') {
      return link(title, String(action.value || ''));
    }
    return el('button', {
      type: 'button',
      class: 'sbw-chip',
      text: title,
      onclick: function () {
        send(typeof action.value === 'string' && action.value ? action.value : (action.text || title));
      }
    });
  }

  function showSuggestions(actions) {
    ui.suggestions.textContent = '';
    ui.suggestions.hidden = actions.length === 0;
    actions.forEach(function (action) {
      ui.suggestions.appendChild(actionButton(action));
    });
  }

  function feedback(turnId) {
    var group = el('div', { class: 'sbw-feedback', role: 'group', 'aria-label': texts.feedbackQuestion });
    function rate(kind, button) {
      Array.prototype.forEach.call(group.querySelectorAll('button'), function (b) { b.disabled = true; });
      button.setAttribute('aria-pressed', 'true');
      post({ type: 'event', name: 'servicebot/feedback', value: { turnId: turnId, kind: kind } }).then(function () {
        group.appendChild(el('span', { class: 'sbw-thanks', role: 'status', text: texts.thanks }));
      }, function () {
        Array.prototype.forEach.call(group.querySelectorAll('button'), function (b) { b.disabled = false; });
        button.setAttribute('aria-pressed', 'false');
      });
    }
    var up = el('button', { type: 'button', class: 'sbw-rate sbw-up', 'aria-label': texts.helpful, title: texts.helpful, 'aria-pressed': 'false', 'data-kind': 'up', text: '👍' });
    var down = el('button', { type: 'button', class: 'sbw-rate sbw-down', 'aria-label': texts.notHelpful, title: texts.notHelpful, 'aria-pressed': 'false', 'data-kind': 'down', text: '👎' });
    up.addEventListener('click', function () { rate('up', up); });
    down.addEventListener('click', function () { rate('down', down); });
    group.appendChild(up);
    group.appendChild(down);
    return group;
  }

  function messageNode(role, name) {
    var node = el('div', { class: 'sbw-msg sbw-' + role });
    node.appendChild(el('span', { class: 'sbw-visually-hidden', text: (role === 'user' ? texts.you : (name || texts.bot)) + ': ' }));
    if (name && role === 'bot') {
      node.appendChild(el('span', { class: 'sbw-name', 'aria-hidden': 'true', text: name }));
    }
    var bubble = node.appendChild(el('div', { class: 'sbw-bubble' }));
    ui.log.appendChild(node);
    return { node: node, bubble: bubble };
  }

  function fillBotMessage(entry, activity) {
    entry.bubble.textContent = '';
    if (activity.text) {
      entry.bubble.appendChild(render(activity.text, activity.textFormat));
    }
    (activity.attachments || []).forEach(function (a) {
      var c = a.content || {};
      if (a.contentType === 'application/vnd.microsoft.card.hero') {
        if (c.title) { entry.bubble.appendChild(el('p', { class: 'sbw-heading' }, [el('strong', { text: c.title })])); }
        if (c.text) { entry.bubble.appendChild(render(c.text, 'markdown')); }
      } else if (a.contentUrl && SAFE_URL.test(a.contentUrl)) {
        entry.bubble.appendChild(el('p', {}, [link(a.name || a.contentUrl, a.contentUrl)]));
      }
    });
    var data = (activity.channelData && activity.channelData.servicebot) || {};
    if (data.turnId && ['answered', 'suggested', 'fallback'].indexOf(data.outcome) >= 0 && !entry.node.querySelector('.sbw-feedback')) {
      entry.node.appendChild(feedback(data.turnId));
    }
    entry.node.setAttribute('data-outcome', data.outcome || '');
  }

  // ---- incoming activities -----------------------------------------------------------------------
  function receive(activity) {
    var channelData = activity.channelData || {};
    var fromUser = activity.from && activity.from.role === 'user';
    if (activity.type === 'typing') {
      if (!fromUser && typeof activity.text === 'string' && channelData.streamType === 'streaming') {
        var key = channelData.streamId || activity.id;
        var entry = streams.get(key);
        if (!entry) {
          entry = messageNode('bot');
          entry.node.classList.add('sbw-streaming');
          streams.set(key, entry);
        }
        entry.bubble.textContent = '';
        entry.bubble.appendChild(render(activity.text, activity.textFormat));
        showTyping(false);
        scrollDown();
      } else if (!fromUser) {
        showTyping(true);
      }
      return;
    }
    if (activity.type !== 'message' || !activity.id || seen.has(activity.id)) {
      return;
    }
    seen.add(activity.id);

    if (fromUser) {
      var clientId = channelData.clientActivityID;
      var mine = clientId && pending.get(clientId);
      if (mine) {
        pending.delete(clientId);
        mine.node.classList.remove('sbw-sending');
        mine.node.removeAttribute('aria-busy');
      } else {
        messageNode('user').bubble.appendChild(render(activity.text || '', 'plain'));
      }
      showSuggestions([]);
      scrollDown();
      return;
    }

    showTyping(false);
    var streamed = channelData.streamId && streams.get(channelData.streamId);
    var target = streamed || messageNode('bot', activity.from && activity.from.name && activity.from.name !== botName() ? activity.from.name : null);
    if (streamed) {
      streams.delete(channelData.streamId);
      streamed.node.classList.remove('sbw-streaming');
    }
    fillBotMessage(target, activity);
    showSuggestions(buttonsOf(activity));
    handoffStatus((channelData.servicebot || {}).outcome);
    scrollDown();
  }

  function botName() {
    return session.botName || '';
  }

  function handoffStatus(outcome) {
    if (outcome === 'handedOff') {
      session.handoff = 'handedOff';
    } else if (outcome === 'relayed') {
      session.handoff = 'relayed';
    } else if (outcome) {
      session.handoff = null;
    }
    save();
    ui.root.setAttribute('data-handoff', session.handoff || 'none');
    if (!socketProblem) {
      status(session.handoff === 'handedOff' ? texts.handedOff : session.handoff === 'relayed' ? texts.relayed : '', 'ok');
    }
  }

  // ---- Direct Line -----------------------------------------------------------------------------
  var socketProblem = false;

  function request(method, path, body, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    return fetch(server + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (response) {
      return response.text().then(function (raw) {
        var json = raw ? JSON.parse(raw) : {};
        if (!response.ok) {
          var error = new Error((json.error && json.error.message) || ('HTTP ' + response.status));
          error.status = response.status;
          error.code = json.error && json.error.code;
          throw error;
        }
        return json;
      });
    });
  }

  function remember(info) {
    session.conversationId = info.conversationId;
    session.token = info.token;
    session.userId = info.userId || session.userId;
    session.expiresAt = Date.now() + (info.expires_in || 1800) * 1000;
    save();
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, Math.max(30, (info.expires_in || 1800) / 2) * 1000);
  }

  function refresh() {
    return request('POST', '/v3/directline/tokens/refresh', undefined, session.token).then(remember, function (error) {
      if (error.status === 401 || error.status === 403) {
        restart();
      } else {
        refreshTimer = setTimeout(refresh, 30000);
      }
    });
  }

  function newConversation() {
    var query = botId ? '?bot=' + encodeURIComponent(botId) : '';
    return request('POST', '/api/widget/token' + query).then(function (info) {
      session = { watermark: null };
      seen.clear();
      ui.log.textContent = '';
      remember(info);
      return request('POST', '/v3/directline/conversations', undefined, session.token);
    });
  }

  function restart() {
    stopSocket();
    session = {};
    save();
    started = false;
    ensureStarted();
  }

  function ensureStarted() {
    if (started) {
      return;
    }
    started = true;
    status(texts.connecting, 'connecting');
    fetch(server + '/api/widget/config?locale=' + encodeURIComponent(locale) + (botId ? '&bot=' + encodeURIComponent(botId) : ''))
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (config) {
        Object.keys(config.texts || {}).forEach(function (k) { texts[k] = config.texts[k]; });
        if (dataset.title) { texts.title = dataset.title; }
        session.botName = config.botName || session.botName;
        applyTexts();
      }, function () { /* Defaults are fine. */ })
      .then(connect);
  }

  function connect() {
    var resumed = session.conversationId && session.token && session.expiresAt > Date.now() + 60000;
    // The first stream of a page view replays the conversation (after a reload the log is empty);
    // later reconnects continue from the watermark, so nothing is shown twice or missed.
    var watermark = replayed && session.watermark ? '?watermark=' + encodeURIComponent(session.watermark) : '';
    var opening = resumed
      ? request('GET', '/v3/directline/conversations/' + encodeURIComponent(session.conversationId) + watermark, undefined, session.token)
      : newConversation();
    opening.then(function (info) {
      remember(info);
      replayed = true;
      openSocket(info.streamUrl);
    }, function (error) {
      if (resumed && (error.status === 401 || error.status === 403 || error.status === 404)) {
        session = {};
        connect();
        return;
      }
      scheduleReconnect();
    });
  }

  function openSocket(url) {
    stopSocket();
    var ws = new WebSocket(url);
    socket = ws;
    ws.onopen = function () {
      retryDelay = 1000;
      socketProblem = false;
      ui.root.setAttribute('data-connection', 'ok');
      handoffStatus(null);
    };
    ws.onmessage = function (message) {
      if (!message.data) {
        return;
      }
      var set = JSON.parse(message.data);
      (set.activities || []).forEach(receive);
      if (set.watermark && (!session.watermark || Number(set.watermark) > Number(session.watermark))) {
        session.watermark = set.watermark;
        save();
      }
    };
    ws.onclose = function () {
      if (socket === ws) {
        socket = null;
        scheduleReconnect();
      }
    };
  }

  function stopSocket() {
    if (socket) {
      var ws = socket;
      socket = null;
      ws.onclose = null;
      ws.close();
    }
  }

  function scheduleReconnect() {
    socketProblem = true;
    clearTimeout(retryTimer);
    if (!navigator.onLine) {
      status(texts.offline, 'offline');
      return;
    }
    status(texts.reconnecting, 'reconnecting');
    retryTimer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  window.addEventListener('online', function () {
    if (started && !socket) {
      retryDelay = 1000;
      clearTimeout(retryTimer);
      connect();
    }
  });
  window.addEventListener('offline', function () {
    if (started) {
      status(texts.offline, 'offline');
    }
  });

  function post(activity) {
    activity.from = { id: session.userId, role: 'user' };
    activity.locale = locale;
    var attempt = function () {
      return request('POST', '/v3/directline/conversations/' + encodeURIComponent(session.conversationId) + '/activities', activity, session.token);
    };
    return attempt().catch(function (error) {
      if (error.status === 403 && error.code === 'TokenExpired') {
        return refresh().then(attempt);
      }
      throw error;
    });
  }

  function submit() {
    var text = ui.input.value.trim();
    if (!text) {
      return;
    }
    ui.input.value = '';
    send(text);
  }

  function send(text) {
    ensureStarted();
    if (!opened) {
      toggle(true);
    }
    var clientId = 'sbw-' + Date.now().toString(36) + Math.random().toString(36).substring(2, 8);
    var entry = messageNode('user');
    entry.node.classList.add('sbw-sending');
    entry.node.setAttribute('aria-busy', 'true');
    entry.bubble.appendChild(render(text, 'plain'));
    pending.set(clientId, entry);
    showSuggestions([]);
    scrollDown();
    var deliver = function () {
      entry.node.classList.remove('sbw-failed');
      entry.node.classList.add('sbw-sending');
      var retry = entry.node.querySelector('.sbw-retry');
      if (retry) { retry.remove(); }
      var waitForConversation = session.conversationId ? Promise.resolve() : new Promise(function (resolve) {
        var poll = setInterval(function () { if (session.conversationId) { clearInterval(poll); resolve(); } }, 200);
      });
      waitForConversation.then(function () {
        return post({ type: 'message', text: text, textFormat: 'plain', channelData: { clientActivityID: clientId } });
      }).then(function () {
        entry.node.classList.remove('sbw-sending');
        entry.node.removeAttribute('aria-busy');
      }, function () {
        entry.node.classList.remove('sbw-sending');
        entry.node.classList.add('sbw-failed');
        entry.node.removeAttribute('aria-busy');
        entry.node.appendChild(el('button', { type: 'button', class: 'sbw-retry', text: texts.failed + ' · ' + texts.retry, onclick: deliver }));
      });
    };
    deliver();
  }

  // ---- start -----------------------------------------------------------------------------------
  function init() {
    build();
    window.ServiceBotWidget = {
      open: function () { toggle(true); },
      close: function () { toggle(false); },
      send: function (text) { send(String(text)); }
    };
    if (dataset.open === 'true' || session.conversationId) {
      if (dataset.open === 'true') {
        toggle(true);
      } else {
        ensureStarted();
      }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
