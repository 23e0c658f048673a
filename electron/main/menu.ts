import type { MenuItemConstructorOptions } from 'electron';

/** Links the Help menu opens in the browser; https only (checked by a test with isSafeExternalUrl). */
export const HELP_LINKS = [
  {
    label: 'WhatsApp Cloud API Documentation',
    url: 'https://developers.facebook.com/docs/whatsapp/cloud-api',
  },
  { label: 'WhatsApp Manager', url: 'https://business.facebook.com/wa/manage/home/' },
  { label: 'Meta Business Help Centre', url: 'https://www.facebook.com/business/help' },
] as const;

export interface MenuActions {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools and reload are for development builds only. */
  packaged: boolean;
  openExternal: (url: string) => void;
  /** Shows the About panel (Electron's own on macOS, a dialog elsewhere). */
  about: () => void;
  /** Opens the data folder's logs/ in the file manager (what "see the log" messages point to). */
  showLogFolder: () => void;
}

/**
 * The application menu with the entries people expect on each platform. Roles give the native
 * behaviour and shortcuts (copy and paste in the token field need the Edit menu on macOS).
 */
export function menuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const mac = a.platform === 'darwin';
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...HELP_LINKS.map((l): MenuItemConstructorOptions => ({
        label: l.label,
        click: () => a.openExternal(l.url),
      })),
      { type: 'separator' },
      { label: 'Show log folder', click: a.showLogFolder },
      ...(mac
        ? []
        : [{ type: 'separator' } as const, { label: `About ${a.appName}`, click: a.about }]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(a.packaged
        ? []
        : ([
            { role: 'reload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(mac
      ? [
          {
            label: a.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } as MenuItemConstructorOptions,
        ]
      : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac ? ([{ role: 'pasteAndMatchStyle' }] as MenuItemConstructorOptions[]) : []),
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    view,
    {
      role: 'window',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    help,
  ];
}
