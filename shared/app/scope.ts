// Who may see and change what (SPEC sections 1, 5 and 7), decided in this one place:
// an association only its own report; a reviewer its unit and everything below it;
// the province everything.
import type { Principal } from '../auth/tokens.ts';
import { isInSubtree } from '../domain/registry.ts';
import { Forbidden } from './errors.ts';
import { msg } from './messages.ts';

export type AssociationAction = 'read' | 'submit' | 'review' | 'reopen-after-close';

export function mayActOn(principal: Principal, action: AssociationAction, association: { code: string; unitPath: string }): boolean {
  switch (principal.role) {
    case 'association':
      return (action === 'read' || action === 'submit') && principal.association === association.code;
    case 'reviewer':
      return (action === 'read' || action === 'review') && isInSubtree(association.unitPath, principal.unit!);
    case 'province':
      return action !== 'submit';
  }
}

export function assertMayActOn(principal: Principal, action: AssociationAction, association: { code: string; unitPath: string }): void {
  if (mayActOn(principal, action, association)) return;
  throw forbiddenFor(principal);
}

/** The one 403 a principal gets for an association it may not act on, whether or not it exists. */
export function forbiddenFor(principal: Principal): Forbidden {
  return new Forbidden(principal.role === 'association' ? msg.notYourAssociation() : principal.role === 'reviewer' ? msg.outsideYourUnit() : msg.roleNotAllowed());
}

/** May this principal list the associations under `unitPath`? */
export function mayListUnder(principal: Principal, unitPath: string): boolean {
  if (principal.role === 'province') return true;
  if (principal.role === 'reviewer') return isInSubtree(unitPath, principal.unit!);
  return false;
}

/** The name written in history for an action by this principal. */
export function actorOf(principal: Principal): string {
  return principal.role === 'association' ? `association:${principal.association}` : `${principal.role}:${principal.unit}`;
}
