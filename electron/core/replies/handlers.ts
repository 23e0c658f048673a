import type { replyMethods } from '../../../shared/api/methods/replies';
import type { HandlersFor } from '../api/handlers';
import type { ReplyService } from './service';

export function replyHandlers(s: ReplyService): HandlersFor<typeof replyMethods> {
  return {
    'replies.list': (input) => s.list(input),
    'replies.threads': (input) => s.threads(input),
    'replies.thread': (input) => s.thread(input),
    'replies.unreadCount': () => s.unreadCount(),
    'replies.label': (input) => s.label(input),
    'replies.rules': (input) => s.rules(input),
    'replies.setRule': (input) => s.setRule(input),
    'replies.send': (input) => s.send(input),
    'replies.sendTemplate': (input) => s.sendTemplate(input),
    'replies.media': (input) => s.media(input.replyId),
    'replies.picture': (input) => s.views.picture(input.replyId),
  };
}
