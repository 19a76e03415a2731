/**
 * The selected agent: a ring around it and a speech bubble with its current thought. Both live in
 * screen space (positioned from the camera each frame) so they keep one on-screen size at any zoom.
 */
import { Container, Graphics, Text } from 'pixi.js';
import type { Point, Size } from './cameraMath.ts';
import { BUBBLE_EDGE, BUBBLE_FILL, BUBBLE_TEXT, SELECTION } from './palette.ts';
import { clipThought } from './thought.ts';

const WRAP_PX = 220;
const PAD = 8;
const TAIL = 7;
const EDGE = 4;
const MIN_RING_PX = 7;

/** What the selection looks like this frame; `at` is null when nothing selected is on screen. */
export interface SelectionFrame {
  readonly at: Point | null;
  /** The agent dot's radius on screen (CSS px). */
  readonly dotRadius: number;
  readonly thought: string | null;
  readonly view: Size;
}

/** Draws the selection ring and thought bubble; freed with the stage by app.destroy(). */
export class SelectionView {
  readonly view = new Container({ label: 'selection' });
  private readonly ring = new Graphics();
  private readonly bubble = new Container();
  private readonly box = new Graphics();
  /** Filled over the box's border where it joins, with only its two slanted sides outlined. */
  private readonly tail = new Graphics()
    .poly([-6, -1.5, 6, -1.5, 0, TAIL])
    .fill(BUBBLE_FILL)
    .moveTo(-6, 0)
    .lineTo(0, TAIL)
    .lineTo(6, 0)
    .stroke({ width: 1, color: BUBBLE_EDGE, alpha: 0.85 });
  private readonly text = new Text({
    text: '',
    style: {
      fontFamily: 'system-ui, sans-serif',
      fontSize: 12,
      lineHeight: 16,
      fill: BUBBLE_TEXT,
      wordWrap: true,
      wordWrapWidth: WRAP_PX,
      breakWords: true,
    },
  });
  private ringRadius = -1;
  private boxW = 0;
  private boxH = 0;
  private shownThought: string | null = null;

  constructor() {
    this.text.position.set(PAD, PAD);
    this.bubble.addChild(this.box, this.text);
    this.view.addChild(this.ring, this.bubble, this.tail);
    this.view.visible = false;
  }

  /** Shows, moves or hides the ring and bubble for this frame. */
  update(frame: SelectionFrame): void {
    const { at } = frame;
    this.view.visible = at !== null;
    if (!at) return;
    const radius = Math.max(MIN_RING_PX, Math.round(frame.dotRadius * 1.6 * 2) / 2);
    if (radius !== this.ringRadius) this.drawRing(radius);
    this.ring.position.set(at.x, at.y);
    const thought = frame.thought ? clipThought(frame.thought) : '';
    this.bubble.visible = this.tail.visible = thought.length > 0;
    if (!thought) return;
    if (thought !== this.shownThought) this.drawBox(thought);
    this.placeBubble(at, radius, frame.view);
  }

  private drawRing(radius: number): void {
    this.ringRadius = radius;
    this.ring.clear();
    this.ring.circle(0, 0, radius + 2).stroke({ width: 4, color: SELECTION, alpha: 0.18 });
    this.ring.circle(0, 0, radius).stroke({ width: 2, color: SELECTION });
  }

  private drawBox(thought: string): void {
    this.shownThought = thought;
    this.text.text = thought;
    const w = (this.boxW = Math.ceil(this.text.width) + PAD * 2);
    const h = (this.boxH = Math.ceil(this.text.height) + PAD * 2);
    this.box.clear();
    this.box.roundRect(0, 0, w, h, 8).fill({ color: BUBBLE_FILL, alpha: 0.94 }).stroke({ width: 1, color: BUBBLE_EDGE, alpha: 0.85 });
  }

  /** Above the agent when there is room, else below; slid sideways to stay inside the view. */
  private placeBubble(at: Point, radius: number, view: Size): void {
    const w = this.boxW;
    const h = this.boxH;
    const gap = radius + TAIL + 2;
    const above = at.y - gap - h >= EDGE;
    const top = above ? at.y - gap - h : at.y + gap;
    const left = Math.max(EDGE, Math.min(view.width - w - EDGE, at.x - w / 2));
    this.bubble.position.set(Math.round(left), Math.round(top));
    // The tail points at the agent from the bubble's near edge, clamped to the bubble's corners.
    const tailX = Math.max(left + 12, Math.min(left + w - 12, at.x));
    this.tail.position.set(Math.round(tailX), Math.round(above ? top + h : top));
    this.tail.scale.y = above ? 1 : -1;
  }
}
