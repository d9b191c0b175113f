/** True when a key press belongs to a text field (or similar) and global shortcuts should stay out. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(type);
  }
  return false;
}

/** Buttons, links and form controls handle Space/Enter themselves. */
export function isInteractiveTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (isTypingTarget(target)) return true;
  const tag = target.tagName;
  return tag === 'BUTTON' || tag === 'A' || tag === 'INPUT' || target.getAttribute('role') === 'button';
}
