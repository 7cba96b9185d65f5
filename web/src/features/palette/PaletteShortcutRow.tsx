import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApplePlatform, paletteKeys } from './palette-items.ts';

/** The palette's line in the keyboard help overlay (a row of its shortcut table). */
export function PaletteShortcutRow() {
  const { t } = useTranslation();
  const [keys] = useState(() =>
    paletteKeys(typeof navigator !== 'undefined' && isApplePlatform(navigator.userAgent)),
  );
  return (
    <tr data-testid="shortcut-palette">
      <th scope="row">{t('palette.shortcut')}</th>
      <td>
        <span className="shortcut-keys">
          <kbd>{keys[0]}</kbd> + <kbd>{keys[1]}</kbd>
        </span>
      </td>
    </tr>
  );
}
