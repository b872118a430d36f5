import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './client';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const { client, onConnection } = createClient();
  createRoot(root).render(
    <StrictMode>
      <App client={client} {...(onConnection ? { onConnection } : {})} />
    </StrictMode>,
  );
}
