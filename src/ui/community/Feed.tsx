/** The hottest posts of the community's feed, with their reactions; each edged in its author's stance colour. */
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { beliefColor, cssColor } from './beliefColors.ts';
import { beliefText } from './personaText.ts';

export function Feed() {
  countRender('CommunityPanel.feed');
  const feed = useSandbox((s) => s.scene?.view.feed);
  const topics = useSandbox((s) => s.scene?.view.topics);
  if (!feed) return null;
  return (
    <div className="community-feed" data-testid="community-feed">
      <h3>Feed: the hottest posts</h3>
      {feed.length === 0 ? (
        <p className="muted">No posts yet: personas post in the posts phase of each epoch.</p>
      ) : (
        <ol className="feed">
          {feed.map((post) => (
            <li key={post.id} style={{ borderLeftColor: cssColor(beliefColor(post.stance)) }}>
              <div className="feed-head">
                <span className="feed-author">{post.authorName}</span>
                <span className="feed-topic">{`${topics?.find((t) => t.id === post.topic)?.key ?? `topic ${post.topic}`} ${beliefText(post.stance)}`}</span>
              </div>
              <p className="feed-text">{post.text}</p>
              <p className="feed-reactions">
                <span>
                  <span aria-hidden="true">▲</span> {post.up}
                  <span className="sr-only"> up</span>
                </span>
                <span>
                  <span aria-hidden="true">▼</span> {post.down}
                  <span className="sr-only"> down</span>
                </span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
