// The Talk API v1 routes (seed 004), below /ocs/v2.php. Public routes are the ones guests use.
import { joinCall, leaveCallHandler, listPeers } from './handlers/call.ts';
import { mentions, receiveMessages, sendMessage } from './handlers/chat.ts';
import { setGuestName } from './handlers/guest.ts';
import {
  addParticipant,
  demoteModerator,
  joinRoom,
  leaveRoom,
  listParticipants,
  promoteModerator,
  removeGuest,
  removeParticipant,
  removeSelf,
} from './handlers/participants.ts';
import {
  addFavorite,
  createRoom,
  deleteRoom,
  getRoom,
  listRooms,
  makePrivate,
  makePublic,
  removeFavorite,
  renameRoom,
  setLobby,
  setNotificationLevel,
  setPassword,
  setReadOnly,
} from './handlers/rooms.ts';
import { pullSignaling, sendSignaling, signalingSettings } from './handlers/signaling.ts';
import type { Route } from './router.ts';

export const TALK_V1 = '/apps/spreed/api/v1';
const v1 = (p: string) => `${TALK_V1}${p}`;

export const talkRoutes: Route[] = [
  { method: 'GET', pattern: v1('/room'), handler: listRooms },
  { method: 'POST', pattern: v1('/room'), handler: createRoom },
  { method: 'GET', pattern: v1('/room/{token}'), handler: getRoom, access: 'public' },
  { method: 'PUT', pattern: v1('/room/{token}'), handler: renameRoom, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}'), handler: deleteRoom, access: 'public' },
  { method: 'POST', pattern: v1('/room/{token}/public'), handler: makePublic, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}/public'), handler: makePrivate, access: 'public' },
  { method: 'PUT', pattern: v1('/room/{token}/password'), handler: setPassword, access: 'public' },
  { method: 'POST', pattern: v1('/room/{token}/favorite'), handler: addFavorite, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}/favorite'), handler: removeFavorite, access: 'public' },
  { method: 'POST', pattern: v1('/room/{token}/notify'), handler: setNotificationLevel, access: 'public' },
  { method: 'PUT', pattern: v1('/room/{token}/read-only'), handler: setReadOnly, access: 'public' },
  { method: 'PUT', pattern: v1('/room/{token}/webinary/lobby'), handler: setLobby, access: 'public' },
  { method: 'GET', pattern: v1('/room/{token}/participants'), handler: listParticipants, access: 'public' },
  { method: 'POST', pattern: v1('/room/{token}/participants'), handler: addParticipant, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}/participants'), handler: removeParticipant, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}/participants/guests'), handler: removeGuest, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}/participants/self'), handler: removeSelf, access: 'public' },
  { method: 'POST', pattern: v1('/room/{token}/participants/active'), handler: joinRoom, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}/participants/active'), handler: leaveRoom, access: 'public' },
  { method: 'POST', pattern: v1('/room/{token}/moderators'), handler: promoteModerator, access: 'public' },
  { method: 'DELETE', pattern: v1('/room/{token}/moderators'), handler: demoteModerator, access: 'public' },
  { method: 'GET', pattern: v1('/call/{token}'), handler: listPeers, access: 'public' },
  { method: 'POST', pattern: v1('/call/{token}'), handler: joinCall, access: 'public' },
  { method: 'DELETE', pattern: v1('/call/{token}'), handler: leaveCallHandler, access: 'public' },
  { method: 'GET', pattern: v1('/chat/{token}'), handler: receiveMessages, access: 'public' },
  { method: 'POST', pattern: v1('/chat/{token}'), handler: sendMessage, access: 'public' },
  { method: 'GET', pattern: v1('/chat/{token}/mentions'), handler: mentions, access: 'public' },
  { method: 'POST', pattern: v1('/guest/{token}/name'), handler: setGuestName, access: 'public' },
  { method: 'GET', pattern: v1('/signaling/settings'), handler: signalingSettings, access: 'public' },
  { method: 'GET', pattern: v1('/signaling/{token}'), handler: pullSignaling, access: 'public' },
  { method: 'POST', pattern: v1('/signaling/{token}'), handler: sendSignaling, access: 'public' },
];
