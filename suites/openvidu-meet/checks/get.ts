// GET /recordings/{id} for an id that follows the format but names nothing: 404 with an Error body.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, expectErrorBody, expectStatus, getRecording, unknownRecordingId } from '../support.ts';

const notFound: Check = {
  id: 'openvidu-meet.get.not-found',
  title: 'reading an unknown (well-formed) recording id answers 404 with error and message',
  operations: [OP.get],
  specRef: '#/components/responses/RecordingNotFound',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    // Two shapes of well-formed id: a room that does not exist, and one with a typical egress id.
    for (const id of [unknownRecordingId(ctx), `${unknownRecordingId(ctx).split('--')[0]}--EG_8aBcDeFgHiJk--Q1W2E`]) {
      const res = await getRecording(ctx, id, { expectMiss: true });
      expectStatus(ctx, res, 404, 'a well-formed id that names no recording answers 404', OP.get);
      expectErrorBody(ctx, res, 'a 404 carries an Error body with `error` and `message`', OP.get);
    }
  },
};

export const getChecks: Check[] = [notFound];
