/**
 * The scene graph and per-frame sync. Bottom to top: the map (grid, POI cells) and the agents in
 * world space under the camera, with the POI labels (screen space) between them so a label never
 * hides an agent, and the selection (screen space) on top. No game logic, only data-to-pixels.
 */
import { Container } from 'pixi.js';
import type { Application } from 'pixi.js';
import type { WorldMessage } from '../protocol/protocol.ts';
import { AgentsView } from './agentsView.ts';
import { Camera } from './camera.ts';
import { worldToScreen, type Point } from './cameraMath.ts';
import { LinksView } from './linksView.ts';
import { MapView } from './mapView.ts';
import { EmotesView } from './emotesView.ts';
import { alphaAt, findMovers, interpolateMovers, interpolatePositions } from './interpolate.ts';
import { agentInCell } from './pick.ts';
import { SelectionView } from './selectionView.ts';
import type { FramePair, RenderSource } from './source.ts';
import { CELL, DOT_RADIUS, cellCentre } from './units.ts';

/** Owns the views and the camera of one mounted stage. */
export class StageScene {
  readonly camera: Camera;
  private readonly agentLayer = new Container({ label: 'agents' });
  private readonly map: MapView;
  private readonly agents: AgentsView;
  private readonly selection = new SelectionView();
  private readonly links = new LinksView();
  private readonly emotes = new EmotesView();
  private world: WorldMessage | null = null;
  private idToIndex = new Map<number, number>();
  private positions: Float32Array = new Float32Array(0);
  /** The tick the particles were last placed and painted for, and the topic they were coloured by. */
  private placedTick: FramePair['curr'] | null = null;
  private paintedTopic = -1;
  /** This tick's movers (indices), how many, and whether they have reached their cells. */
  private movers: Int32Array = new Int32Array(0);
  private moverCount = 0;
  private arrived = true;
  /** Agents drawn this frame (0 when the newest tick belongs to another world). */
  private drawn = 0;
  private layoutVersion = -1;

  constructor(
    private readonly app: Application,
    private readonly source: RenderSource,
  ) {
    this.agents = new AgentsView(app.renderer);
    this.map = new MapView(app.renderer);
    this.agentLayer.addChild(this.links.graphics, this.agents.container, this.emotes.container);
    app.stage.addChild(this.map.quads, this.map.labels, this.agentLayer, this.selection.view);
    app.stage.visible = false;
    this.camera = new Camera(app.canvas, [this.map.quads, this.agentLayer], () => app.screen, this.onTap);
  }

  /** Syncs every view with the source for the frame drawn at `now` (performance.now()). */
  frame(now: number): void {
    const world = this.source.world();
    if (world !== this.world) this.rebuild(world);
    this.camera.syncScreen();
    const pair = this.source.frames();
    this.drawn = 0;
    if (world && pair && pair.curr.worldId === world.worldId) {
      this.drawn = pair.curr.positions.length >> 1;
      this.moveAgents(pair, now);
      const { beliefs } = pair.curr;
      const topic = beliefs && world.topics > 0 ? Math.min(this.source.colorTopic(), world.topics - 1) : -1;
      if (this.placedTick !== pair.curr || topic !== this.paintedTopic) {
        this.agents.paint(pair.curr.states, this.drawn, beliefs && topic >= 0 ? { beliefs, topics: world.topics, topic } : null);
        this.paintedTopic = topic;
      }
      this.placedTick = pair.curr;
      this.links.update(this.positions, pair.curr.links, this.drawn);
      this.emotes.update(this.positions, pair.curr.emotes, this.drawn);
    } else {
      this.links.update(this.positions, null, 0);
      this.emotes.update(this.positions, null, 0);
    }
    this.agents.container.visible = this.drawn > 0;
    if (this.camera.version !== this.layoutVersion) {
      this.layoutVersion = this.camera.version;
      this.map.layout(this.camera.transform);
    }
    this.syncSelection(pair);
  }

  /**
   * Places every agent once when a tick arrives (where it starts this tick), then each frame
   * blends only the agents that move, until they reach their cells: a frame's work follows what
   * moves, not how many agents there are, and allocates nothing.
   */
  private moveAgents(pair: FramePair, now: number): void {
    if (this.placedTick !== pair.curr) {
      this.positions = interpolatePositions(pair, now, this.positions);
      this.agents.placeAll(this.positions, this.drawn);
      const found = findMovers(pair, this.movers);
      this.movers = found.movers;
      this.moverCount = found.count;
      this.arrived = found.count === 0;
      return;
    }
    if (this.arrived) return;
    const alpha = alphaAt(pair, now);
    interpolateMovers(pair, alpha, this.movers, this.moverCount, this.positions);
    this.agents.placeSome(this.positions, this.movers, this.moverCount);
    this.arrived = alpha >= 1;
  }

  /**
   * Removes the input listeners. The views are display objects on app.stage, so app.destroy()
   * frees them; only the shared agent texture must go afterwards, once no shader binds it.
   */
  detach(): void {
    this.camera.destroy();
  }

  /** Frees what app.destroy() does not own; call after it. */
  disposeAfterRenderer(): void {
    this.agents.destroyTexture();
    this.map.destroyTexture();
  }

  private rebuild(world: WorldMessage | null): void {
    this.world = world;
    this.placedTick = null;
    this.idToIndex = new Map();
    this.app.stage.visible = world !== null;
    this.layoutVersion = -1;
    if (!world) return;
    this.map.build(world);
    this.agents.build(world.agents.length, world.width, world.height);
    world.agents.forEach((agent, index) => this.idToIndex.set(agent.id, index));
    this.camera.setWorld({ width: world.width * CELL, height: world.height * CELL });
  }

  private selectedIndex(): number {
    const id = this.source.selected();
    return id === null ? -1 : (this.idToIndex.get(id) ?? -1);
  }

  private syncSelection(pair: FramePair | null): void {
    const index = this.selectedIndex();
    const t = this.camera.transform;
    const screen = this.app.screen;
    let at: Point | null = null;
    if (index >= 0 && index < this.drawn) {
      const p = worldToScreen(t, cellCentre(this.positions[index * 2] ?? 0), cellCentre(this.positions[index * 2 + 1] ?? 0));
      const margin = DOT_RADIUS * t.scale;
      // Off-screen: hide rather than leave a bubble pinned to the edge pointing at nothing.
      if (p.x >= -margin && p.y >= -margin && p.x <= screen.width + margin && p.y <= screen.height + margin) at = p;
    }
    const detail = pair?.curr.selected;
    const id = this.source.selected();
    this.selection.update({
      at,
      dotRadius: DOT_RADIUS * t.scale,
      // The tick's detail may still be the previously selected agent until the worker catches up.
      thought: detail && detail.id === id ? detail.thought : null,
      view: screen,
    });
  }

  /** A click on a cell: the agent standing there (cycling through a crowd), or nothing. */
  private readonly onTap = (cell: Point): void => {
    const world = this.world;
    const pair = this.source.frames();
    if (!world || !pair || pair.curr.worldId !== world.worldId) {
      this.source.select(null);
      return;
    }
    const current = this.selectedIndex();
    let index = agentInCell(pair.curr.positions, cell.x, cell.y, current);
    // Mid-glide the dot is still drawn near its previous cell: accept a click there too.
    if (index < 0 && pair.prev?.positions.length === pair.curr.positions.length) {
      index = agentInCell(pair.prev.positions, cell.x, cell.y, current);
    }
    this.source.select(index < 0 ? null : (world.agents[index]?.id ?? index));
  };
}
