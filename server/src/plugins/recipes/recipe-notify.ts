/**
 * Recipe: react to committed changes. An "after" hook sees a comment only once its transaction committed,
 * runs once across all instances, and writes a notification for the post's author through the records use
 * cases. If it throws, the comment's request has long succeeded: the failure is logged, counted and retried.
 */
import type { PlinthPlugin } from '../plugin-api.js';

const recipeNotify: PlinthPlugin = {
  name: 'recipe-notify',
  register(api) {
    api.hooks.onRecordAfterCreate(
      async (event) => {
        const post = await api.records.system().view('posts', String(event.record.post));
        if (!post.author || post.author === event.record.author) return;
        await api.records.system().create('notifications', { user: post.author, text: `New comment on "${post.title}"` });
      },
      { collections: ['comments'], id: 'notify-author' },
    );
  },
};

export default recipeNotify;
