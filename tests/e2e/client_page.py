# SPDX-License-Identifier: GPL-3.0-or-later
"""Opens a demo client's page at a given window size, for the end-to-end
test of the client page and for build-aux/screenshots.py."""
import os
import tempfile

from atspi_driver import App, Failure, start_accessibility_bus

# The demo client with something in every view (promises, incidents, a plan)
DEMO_CLIENT = 'Lucía Ferrer'
# The views in the order of the switcher: Alt+1 … Alt+6
VIEWS = ['promises', 'quick-wins', 'conversations', 'incidents', 'recovery', 'trust']


def start(binary, build, width, height):
    """Confianza with the demo data, its window @width × @height: settings
    in a key file of their own, so the size holds without a window manager."""
    config = tempfile.mkdtemp(prefix='confianza-e2e-config-')
    os.makedirs(os.path.join(config, 'glib-2.0', 'settings'))
    with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
        f.write('[io/github/confianza/Confianza]\nwindow-width=%d\nwindow-height=%d\n'
                "last-page='clients'\n" % (width, height))
    env = dict(os.environ, GTK_A11Y='atspi', GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config,
               XDG_DATA_HOME=tempfile.mkdtemp(prefix='confianza-e2e-data-'),
               GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'))
    start_accessibility_bus()
    return App([binary, '--demo'], env)


def open_client(app, _, name=DEMO_CLIENT):
    """Clicks the client in the list of clients; @_ translates."""
    for attempt in range(3):
        app.mouse_click(app.find('label', name))
        try:
            return app.find('push button', _('New _Promise'), timeout=4)
        except Failure:
            if attempt == 2:
                raise
