# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Confianza binary as a person would: finds widgets by
their accessible role and name over AT-SPI, clicks them, types with xdotool
(GTK 4.8 cannot fill a field over AT-SPI). The window has no window manager
around it, so window coordinates are screen coordinates."""
import gettext
import os
import subprocess
import sys
import time

import pyatspi


class Failure(Exception):
    pass


class Tap:
    """Numbered TAP lines, and the plan at the end."""
    def __init__(self):
        self.n = 0

    def ok(self, cond, what):
        self.n += 1
        print('%s %d - %s' % ('ok' if cond else 'not ok', self.n, what))
        return cond

    def plan(self):
        print('1..%d' % self.n)


def start_accessibility_bus():
    """GTK talks to the accessibility bus of the session: under a bare
    dbus-run-session nobody has started it yet."""
    launcher = '/usr/libexec/at-spi-bus-launcher'
    if os.path.exists(launcher):
        subprocess.Popen([launcher, '--launch-immediately'],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)


class App:
    def __init__(self, argv, env, name='confianza', timeout=90):
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.name = name
        deadline = time.time() + timeout
        self.root = None
        while time.time() < deadline and self.root is None:
            desk = pyatspi.Registry.getDesktop(0)
            for i in range(desk.childCount):
                a = desk.getChildAtIndex(i)
                if a is not None and (a.name or '').lower() == name:
                    self.root = a
            time.sleep(0.3)
            if self.proc.poll() is not None:
                break
        if self.root is None:
            out = self.stop()
            print('# ' + out.replace('\n', '\n# '))
            raise Failure('the application did not appear on the accessibility bus')
        time.sleep(1)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        out = self.proc.stdout.read().decode(errors='replace') if self.proc.stdout else ''
        return out

    def finish(self):
        """Stops the application; what it printed goes out as TAP comments."""
        out = self.stop()
        if out.strip():
            print('# application output:\n# ' + out.strip().replace('\n', '\n# '))

    def walk(self, node=None, depth=0):
        node = node or self.root
        try:
            yield node, depth
            for i in range(min(node.childCount, 1000)):
                child = node.getChildAtIndex(i)
                if child is not None:
                    yield from self.walk(child, depth + 1)
        except Exception:
            return

    def find_all(self, role=None, name=None, showing=True, within=None):
        """@within: only under that node (one window of several)."""
        found = []
        for node, _ in self.walk(within):
            try:
                if role is not None and node.getRoleName() != role:
                    continue
                label = (node.name or '').replace('_', '')
                # GTK 4.8 names a button by its label and its accessible
                # label together: "Add Client Add Client".
                if name is not None and label != name.replace('_', '') and \
                        not label.startswith(name.replace('_', '') + ' '):
                    continue
                # GTK 4.8 does not always report "showing": a widget on
                # screen is one with a size.
                if showing:
                    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                    if e.width <= 0 or e.height <= 0:
                        continue
                found.append(node)
            except Exception:
                continue
        return found

    def find(self, role=None, name=None, timeout=8, within=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.find_all(role, name, within=within)
            if found:
                return found[0]
            time.sleep(0.3)
        raise Failure('no %s named %r on screen' % (role or 'widget', name))

    def texts(self):
        return [n.name for n, _ in self.walk() if n.getRoleName() == 'label' and n.name]

    def click(self, node):
        """The click action where the widget has one, else a real click."""
        try:
            action = node.queryAction()
            for i in range(action.nActions):
                if action.getName(i) in ('click', 'press', 'activate'):
                    action.doAction(i)
                    time.sleep(0.7)
                    return
        except NotImplementedError:
            pass
        self.mouse_click(node)

    def mouse_click(self, node):
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        x, y = e.x + e.width // 2, e.y + e.height // 2
        subprocess.run(['xdotool', 'mousemove', str(x), str(y), 'click', '1'], check=True)
        time.sleep(0.7)

    def type_into(self, node, text, first='ctrl+a'):
        """Types @text into @node, replacing what it holds; with
        first='ctrl+End', after it."""
        self.mouse_click(node)
        subprocess.run(['xdotool', 'key', '--clearmodifiers', first], check=True)
        # xdotool reads its text in the locale's encoding: UTF-8 always.
        env = dict(os.environ, LC_ALL='C.UTF-8')
        subprocess.run(['xdotool', 'type', '--delay', '30', text], check=True, env=env)
        time.sleep(0.5)

    def key(self, *keys):
        subprocess.run(['xdotool', 'key'] + list(keys), check=True)
        time.sleep(0.5)

    def fill(self, fields):
        """Types each text into the field named by its label, in order:
        @fields is a list of (label, text)."""
        for label, text in fields:
            self.type_into(self.find('text', label), text)

    def pick(self, combo_label, item, index, timeout=15):
        """Chooses @item, the @index-th (from 0) in the drop-down named
        @combo_label: opens its list with a click and moves there with the
        keyboard. GTK 4.8 stops answering AT-SPI while a drop-down's list
        is walked, so the list itself is never looked at; the drop-down is
        checked to show @item once it is closed."""
        combo = self.find('combo box', combo_label, timeout=timeout)
        self.mouse_click(combo)
        self.key('Home', *(['Down'] * index), 'Return')
        return wait_until(lambda: item in text_of_tree(self, combo), timeout,
                          'the drop-down %r to show %r' % (combo_label, item))

    def text_of(self, node):
        """What a text field or text view holds."""
        text = node.queryText()
        return text.getText(0, text.characterCount)


def text_of_tree(app, node):
    """The names of @node and everything under it, joined: what a
    composite widget shows."""
    return ' '.join((n.name or '') for n, _ in app.walk(node))


def wait_until(cond, timeout=30, what='a condition'):
    """@cond's first true value, polled until @timeout seconds have passed."""
    deadline = time.time() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.time() >= deadline:
            raise Failure('waited %d s in vain for %s' % (timeout, what))
        time.sleep(0.3)


def skip_reason(session_bus=False):
    """Why an end-to-end test cannot run here, or None."""
    import shutil
    if not os.environ.get('DISPLAY'):
        return 'no X display: run under xvfb-run'
    if session_bus and not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        return 'no D-Bus session: run under dbus-run-session'
    if shutil.which('xdotool') is None:
        return 'xdotool is not installed'
    return None


def dump(app):
    """What is on screen, as TAP comments, when a step failed."""
    for node, depth in app.walk():
        try:
            if node.queryComponent().getExtents(0).width > 0:
                print('#', '  ' * depth, node.getRoleName(), repr(node.name))
        except Exception:
            pass


def typed_date_format():
    """How a date is typed in this locale: the locale's own order with a
    four-digit year; without a language set for dates, year-month-day."""
    import locale
    if (locale.setlocale(locale.LC_TIME) or 'C').split('.')[0] in ('C', 'POSIX'):
        return '%Y-%m-%d'
    return locale.nl_langinfo(locale.D_FMT).replace('%y', '%Y')


def translator(localedir):
    """The application's own translations, so the test asserts what a
    person reading the screen in this locale should see."""
    return gettext.translation('confianza', localedir=localedir, fallback=True)
