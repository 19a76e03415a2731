/**
 * A word over each agent that has one (a game master NPC's reaction: "smile", "angry"…), drawn
 * in world space just above its dot. At most a few dozen, so one Text each; a Text is rebuilt
 * only when its word changes, and moved every frame with the interpolated positions.
 */
import { Container, Text } from 'pixi.js';
import { BUBBLE_TEXT } from './palette.ts';
import { CELL, DOT_RADIUS, cellCentre } from './units.ts';

/** How many words are drawn at most (a village has up to 51 agents). */
const MAX_EMOTES = 64;

export class EmotesView {
  readonly container = new Container({ label: 'emotes' });
  private texts: Text[] = [];

  /** Shows `emotes[i]` over agent i ('' for none); hides them all for null. */
  update(positions: Float32Array, emotes: readonly string[] | null, count: number): void {
    const n = emotes ? Math.min(emotes.length, count, MAX_EMOTES) : 0;
    for (let i = 0; i < n; i++) {
      const word = emotes?.[i] ?? '';
      const text = this.textAt(i);
      if (text.text !== word) text.text = word;
      text.visible = word !== '';
      text.x = cellCentre(positions[i * 2] ?? 0);
      text.y = cellCentre(positions[i * 2 + 1] ?? 0) - DOT_RADIUS - 1;
    }
    for (let i = n; i < this.texts.length; i++) {
      const text = this.texts[i];
      if (text) text.visible = false;
    }
  }

  private textAt(i: number): Text {
    let text = this.texts[i];
    if (!text) {
      text = new Text({ text: '', style: { fill: BUBBLE_TEXT, fontSize: CELL * 0.6, fontFamily: 'system-ui, sans-serif', stroke: { color: 0x000000, width: 3 } } });
      text.anchor.set(0.5, 1);
      text.resolution = 2;
      this.texts[i] = text;
      this.container.addChild(text);
    }
    return text;
  }
}
