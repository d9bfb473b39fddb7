import Link from 'next/link';

/** 404: an unknown page or a design id that does not exist. */
export default function NotFound() {
  return (
    <div className="panel-message">
      <p className="panel-message__title">Not found</p>
      <p className="panel-message__detail">There is no design or page at this address.</p>
      <Link href="/" className="button">
        Back to the designs
      </Link>
    </div>
  );
}
