// Progressive enhancement for respondent pages. The pages work without it; when JavaScript runs:
// - a "read aloud" button per question, where the browser has a voice for the page's language;
// - a form is submitted once, even when a button is tapped twice on a slow connection;
// - what was typed on a page is kept in sessionStorage until the server has stored it, and put back if the
//   page comes back without it (a failed post on a weak connection).
(function () {
  'use strict';
  var main = document.getElementById('main');
  var form = document.querySelector('form[data-page]');
  if (!main || !form) return;
  var lang = document.documentElement.lang;

  // Submit once.
  var sent = false;
  form.addEventListener('submit', function (event) {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    setTimeout(function () {
      sent = false;
    }, 8000);
  });

  // Drafts: kept per page until the next page arrives.
  var key = 'pp-draft:' + location.pathname + ':' + form.getAttribute('data-page');
  try {
    var stored = sessionStorage.getItem(key);
    var fresh =
      !form.querySelector('input:checked') &&
      !Array.prototype.some.call(form.querySelectorAll('input[type=text], textarea'), function (f) {
        return f.value;
      });
    if (stored && fresh) {
      var draft = JSON.parse(stored);
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name.charAt(0) === '_' || !(el.name in draft)) return;
        var v = draft[el.name];
        if (el.type === 'radio' || el.type === 'checkbox') el.checked = v.indexOf(el.value) >= 0;
        else if (el.type === 'text' || el.tagName === 'TEXTAREA') el.value = v[0] || '';
      });
    }
    for (var i = 0; i < sessionStorage.length; i++) {
      var k = sessionStorage.key(i);
      if (k && k.indexOf('pp-draft:' + location.pathname) === 0 && k !== key) sessionStorage.removeItem(k);
    }
    form.addEventListener('input', function () {
      var data = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name.charAt(0) === '_') return;
        if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
        (data[el.name] = data[el.name] || []).push(el.value);
      });
      sessionStorage.setItem(key, JSON.stringify(data));
    });
  } catch (e) {
    /* storage can be unavailable (private mode); the page works without it */
  }

  // Read aloud.
  var synth = window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  function voiceFor() {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) return voices[i];
    return null;
  }
  function addButtons() {
    var voice = voiceFor();
    if (!voice || main.getAttribute('data-read-ready')) return;
    main.setAttribute('data-read-ready', '1');
    var label = form.getAttribute('data-read-label') || 'Read aloud';
    Array.prototype.forEach.call(form.querySelectorAll('fieldset, .field'), function (block) {
      var question = block.querySelector('legend, .question');
      if (!question) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'read-aloud secondary';
      button.textContent = '\u{1F50A} ' + label;
      button.addEventListener('click', function () {
        var parts = [question.textContent];
        Array.prototype.forEach.call(block.querySelectorAll('.option label'), function (l) {
          parts.push(l.textContent);
        });
        synth.cancel();
        var u = new SpeechSynthesisUtterance(parts.join('. '));
        u.lang = voice.lang;
        u.voice = voice;
        u.rate = 0.9;
        synth.speak(u);
      });
      question.insertAdjacentElement('afterend', button);
    });
  }
  addButtons();
  if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', addButtons);
})();
