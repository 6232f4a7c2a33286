export {
  bridgeForumEvent,
  type Bridged,
  type ForumContext,
  type ForumEventInput,
  type ForumLogger,
} from "./bridge-event.ts";
export { editKey, postKey, redactKey, type PostInRoom } from "./dedupe-keys.ts";
export { EXCERPT_LENGTH, excerptOf } from "./excerpt.ts";
export { createForumConsumer, type ForumConsumerDeps } from "./forum-consumer.ts";
export { formatPost, postLink, type FormattedPost } from "./format-message.ts";
export { decidePrivacy, type Privacy } from "./privacy.ts";
export { routeRooms, ruleMatches, type ForumPlace, type SendingFilter } from "./route-rules.ts";
