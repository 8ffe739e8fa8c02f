import { PGlite } from '@electric-sql/pglite';
let t=performance.now();
const a = new PGlite(); await a.waitReady; console.log('new', performance.now()-t);
await a.exec('create table x(id int)');
t=performance.now(); const dump = await a.dumpDataDir('none'); console.log('dump', performance.now()-t, dump.size);
t=performance.now(); const b = new PGlite({loadDataDir: dump}); await b.waitReady; console.log('load', performance.now()-t);
t=performance.now(); const c = await a.clone(); console.log('clone', performance.now()-t);
console.log((await b.query('select count(*) from x')).rows);
